"""Reading a minutes file, and cleaning its text with a map back to the file."""
