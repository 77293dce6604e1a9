"""Resolution: people, vocabulary, directory/glossary/catalog references, extraction resources."""
