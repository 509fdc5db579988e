"""A young person's record: the header and one tab per part of the record."""
