from enum import StrEnum


class ReadMemoryRequestFormat(StrEnum):
    LIST = "list"
    LLM_CONTEXT = "llm_context"
    PACKET = "packet"

    def __str__(self) -> str:
        return str(self.value)
