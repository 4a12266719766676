"""The journey model: what a journey is, independent of how it is checked or shown."""
