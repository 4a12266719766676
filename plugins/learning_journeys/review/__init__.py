"""Reviewing a change to the journeys: what two git revisions differ in, as a plan people can read."""
