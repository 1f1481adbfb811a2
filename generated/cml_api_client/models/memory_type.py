from enum import StrEnum


class MemoryType(StrEnum):
    CONSTRAINT = "constraint"
    CONVERSATION = "conversation"
    EPISODIC_EVENT = "episodic_event"
    HYPOTHESIS = "hypothesis"
    KNOWLEDGE = "knowledge"
    MESSAGE = "message"
    OBSERVATION = "observation"
    PLAN = "plan"
    PREFERENCE = "preference"
    PROCEDURE = "procedure"
    REASONING_STEP = "reasoning_step"
    SCRATCH = "scratch"
    SEMANTIC_FACT = "semantic_fact"
    TASK_STATE = "task_state"
    TOOL_RESULT = "tool_result"

    def __str__(self) -> str:
        return str(self.value)
