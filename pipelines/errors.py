"""The error users see: one line naming the file and the problem."""


class InputError(ValueError):
    """Bad input: a missing, empty, binary or undecodable file, or malformed metadata."""
