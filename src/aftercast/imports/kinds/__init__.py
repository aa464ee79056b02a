"""One row handler per kind of file; the pipeline (imports.services.import_file) drives them."""
