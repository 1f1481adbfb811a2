from enum import StrEnum


class ForgetRequestAction(StrEnum):
    ARCHIVE = "archive"
    DELETE = "delete"
    SILENCE = "silence"

    def __str__(self) -> str:
        return str(self.value)
