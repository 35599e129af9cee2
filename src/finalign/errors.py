"""The one exception type for mistakes a user can fix (bad path, bad config, bad data line).

The CLI prints its message on one line and exits 2; anything else is a bug and keeps its traceback.
"""


class UserError(Exception):
    """A problem with the user's input: the message names the file, line or key and what is wrong."""
