from enum import StrEnum


class DashboardRetrievalRequestFormat(StrEnum):
    LIST = "list"
    LLM_CONTEXT = "llm_context"
    PACKET = "packet"

    def __str__(self) -> str:
        return str(self.value)
