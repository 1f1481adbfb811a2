from enum import StrEnum


class WriteMemoryResponseEvalOutcomeType0(StrEnum):
    SKIPPED = "skipped"
    STORED = "stored"

    def __str__(self) -> str:
        return str(self.value)
