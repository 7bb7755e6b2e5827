"""Reading the files offices keep: encodings, delimiters, title lines, header names."""
