"""From journey files to checked journeys and located problems; no pages, no MkDocs."""
