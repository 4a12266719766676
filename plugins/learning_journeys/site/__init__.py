"""Site generation: pages as Markdown, calendars and assets from checked journeys; no MkDocs."""
