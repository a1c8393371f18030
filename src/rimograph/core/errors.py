"""The errors rimograph raises. The CLI prints them as one line and exits non-zero."""


class RimographError(Exception):
    """Base class of every error rimograph reports to a user."""


class DataError(RimographError):
    """One or more problems in the curated tables.

    ``problems`` is a list of :class:`Problem`; ``str()`` gives one problem per line
    in the form ``file:row: field: what is wrong``.
    """

    def __init__(self, problems):
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


class Problem:
    """A single data problem: file, spreadsheet row (header = 1), field, message."""

    def __init__(self, file, row, field, message):
        self.file, self.row, self.field, self.message = file, row, field, message

    def __str__(self):
        return f"{self.file}:{self.row}: {self.field}: {self.message}"

    def __repr__(self):
        return f"Problem({str(self)!r})"


class NotFound(RimographError):
    """A name or id that matches no node; the message lists the closest candidates."""


class Ambiguous(NotFound):
    """A name that matches several nodes; the message lists them, numbered, with type and id."""


class BackendUnavailable(RimographError):
    """A backend (Neo4j) that cannot be reached, refuses the login, or lacks the database."""


class NoPath(NotFound):
    """Two nodes that no chain of (allowed) relations connects."""
