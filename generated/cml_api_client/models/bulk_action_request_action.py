from enum import StrEnum


class BulkActionRequestAction(StrEnum):
    ARCHIVE = "archive"
    DELETE = "delete"
    SILENCE = "silence"

    def __str__(self) -> str:
        return str(self.value)
