"""Contains all the data models used in inputs/outputs

The models load lazily: ``from cml_api_client.models import MemoryItem`` imports
that model's module (and the models it refers to) and nothing else, so a
program that makes one call does not pay for all of them.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .bulk_action_request import BulkActionRequest
    from .bulk_action_request_action import BulkActionRequestAction
    from .component_status import ComponentStatus
    from .component_status_details import ComponentStatusDetails
    from .config_item import ConfigItem
    from .config_section import ConfigSection
    from .config_update_request import ConfigUpdateRequest
    from .config_update_request_updates import ConfigUpdateRequestUpdates
    from .create_session_request import CreateSessionRequest
    from .create_session_request_metadata import CreateSessionRequestMetadata
    from .create_session_response import CreateSessionResponse
    from .dashboard_components_response import DashboardComponentsResponse
    from .dashboard_config_response import DashboardConfigResponse
    from .dashboard_consolidate_request import DashboardConsolidateRequest
    from .dashboard_evaluation_artifact import DashboardEvaluationArtifact
    from .dashboard_evaluation_summary import DashboardEvaluationSummary
    from .dashboard_evaluation_summary_comparisons_item import (
        DashboardEvaluationSummaryComparisonsItem,
    )
    from .dashboard_evaluation_summary_latest_summary_type_0 import (
        DashboardEvaluationSummaryLatestSummaryType0,
    )
    from .dashboard_evaluation_summary_readiness import (
        DashboardEvaluationSummaryReadiness,
    )
    from .dashboard_fact_detail import DashboardFactDetail
    from .dashboard_fact_detail_lineage_item import DashboardFactDetailLineageItem
    from .dashboard_fact_detail_superseded_by_item import (
        DashboardFactDetailSupersededByItem,
    )
    from .dashboard_fact_evidence_item import DashboardFactEvidenceItem
    from .dashboard_fact_evidence_item_metadata import DashboardFactEvidenceItemMetadata
    from .dashboard_fact_evidence_response import DashboardFactEvidenceResponse
    from .dashboard_forget_request import DashboardForgetRequest
    from .dashboard_forgetting_preview_item import DashboardForgettingPreviewItem
    from .dashboard_forgetting_preview_item_duplicate_matches_item import (
        DashboardForgettingPreviewItemDuplicateMatchesItem,
    )
    from .dashboard_forgetting_preview_request import DashboardForgettingPreviewRequest
    from .dashboard_forgetting_preview_response import (
        DashboardForgettingPreviewResponse,
    )
    from .dashboard_forgetting_preview_response_summary import (
        DashboardForgettingPreviewResponseSummary,
    )
    from .dashboard_invalidate_fact_response_dashboard_invalidate_fact_api_v1_dashboard_facts_fact_id_invalidate_post import (
        DashboardInvalidateFactResponseDashboardInvalidateFactApiV1DashboardFactsFactIdInvalidatePost,
    )
    from .dashboard_job_item import DashboardJobItem
    from .dashboard_job_item_result_type_0 import DashboardJobItemResultType0
    from .dashboard_jobs_response import DashboardJobsResponse
    from .dashboard_labile_response import DashboardLabileResponse
    from .dashboard_lineage_memory import DashboardLineageMemory
    from .dashboard_memory_detail import DashboardMemoryDetail
    from .dashboard_memory_lineage_response import DashboardMemoryLineageResponse
    from .dashboard_memory_list_item import DashboardMemoryListItem
    from .dashboard_memory_list_response import DashboardMemoryListResponse
    from .dashboard_ops_metric import DashboardOpsMetric
    from .dashboard_ops_metric_labels import DashboardOpsMetricLabels
    from .dashboard_ops_response import DashboardOpsResponse
    from .dashboard_ops_response_highlights import DashboardOpsResponseHighlights
    from .dashboard_overview import DashboardOverview
    from .dashboard_overview_by_status import DashboardOverviewByStatus
    from .dashboard_overview_by_type import DashboardOverviewByType
    from .dashboard_overview_facts_by_category import DashboardOverviewFactsByCategory
    from .dashboard_quality_issue import DashboardQualityIssue
    from .dashboard_quality_response import DashboardQualityResponse
    from .dashboard_quality_response_graph_hygiene import (
        DashboardQualityResponseGraphHygiene,
    )
    from .dashboard_quality_response_invalidation_hotspots_item import (
        DashboardQualityResponseInvalidationHotspotsItem,
    )
    from .dashboard_rate_limits_response import DashboardRateLimitsResponse
    from .dashboard_reconsolidate_request import DashboardReconsolidateRequest
    from .dashboard_reconsolidation_session_item import (
        DashboardReconsolidationSessionItem,
    )
    from .dashboard_reconsolidation_session_item_memories_item import (
        DashboardReconsolidationSessionItemMemoriesItem,
    )
    from .dashboard_reconsolidation_sessions_response import (
        DashboardReconsolidationSessionsResponse,
    )
    from .dashboard_related_job import DashboardRelatedJob
    from .dashboard_related_job_result_type_0 import DashboardRelatedJobResultType0
    from .dashboard_retrieval_explain_response import DashboardRetrievalExplainResponse
    from .dashboard_retrieval_explain_response_retrieval_meta import (
        DashboardRetrievalExplainResponseRetrievalMeta,
    )
    from .dashboard_retrieval_request import DashboardRetrievalRequest
    from .dashboard_retrieval_request_format import DashboardRetrievalRequestFormat
    from .dashboard_retrieval_response import DashboardRetrievalResponse
    from .dashboard_sessions_response import DashboardSessionsResponse
    from .dashboard_tenants_response import DashboardTenantsResponse
    from .dashboard_timeline_response import DashboardTimelineResponse
    from .dashboard_write_simulation_chunk import DashboardWriteSimulationChunk
    from .dashboard_write_simulation_chunk_entities_item import (
        DashboardWriteSimulationChunkEntitiesItem,
    )
    from .dashboard_write_simulation_chunk_extracted_constraints_item import (
        DashboardWriteSimulationChunkExtractedConstraintsItem,
    )
    from .dashboard_write_simulation_chunk_extracted_facts_item import (
        DashboardWriteSimulationChunkExtractedFactsItem,
    )
    from .dashboard_write_simulation_chunk_extractor_outputs import (
        DashboardWriteSimulationChunkExtractorOutputs,
    )
    from .dashboard_write_simulation_chunk_redactions_item import (
        DashboardWriteSimulationChunkRedactionsItem,
    )
    from .dashboard_write_simulation_chunk_relations_item import (
        DashboardWriteSimulationChunkRelationsItem,
    )
    from .dashboard_write_simulation_request import DashboardWriteSimulationRequest
    from .dashboard_write_simulation_request_metadata import (
        DashboardWriteSimulationRequestMetadata,
    )
    from .dashboard_write_simulation_response import DashboardWriteSimulationResponse
    from .dashboard_write_simulation_response_summary import (
        DashboardWriteSimulationResponseSummary,
    )
    from .error_detail import ErrorDetail
    from .fact_item import FactItem
    from .fact_list_response import FactListResponse
    from .forget_request import ForgetRequest
    from .forget_request_action import ForgetRequestAction
    from .forget_response import ForgetResponse
    from .graph_edge_info import GraphEdgeInfo
    from .graph_edge_info_properties import GraphEdgeInfoProperties
    from .graph_explore_response import GraphExploreResponse
    from .graph_neo_4j_config_response import GraphNeo4JConfigResponse
    from .graph_node_info import GraphNodeInfo
    from .graph_node_info_properties import GraphNodeInfoProperties
    from .graph_search_response import GraphSearchResponse
    from .graph_search_result import GraphSearchResult
    from .graph_stats_response import GraphStatsResponse
    from .graph_stats_response_entity_types import GraphStatsResponseEntityTypes
    from .hourly_request_count import HourlyRequestCount
    from .http_validation_error import HTTPValidationError
    from .memory_item import MemoryItem
    from .memory_item_metadata import MemoryItemMetadata
    from .memory_stats import MemoryStats
    from .memory_stats_by_type import MemoryStatsByType
    from .memory_type import MemoryType
    from .process_turn_request import ProcessTurnRequest
    from .process_turn_response import ProcessTurnResponse
    from .rate_limit_entry import RateLimitEntry
    from .read_memory_request import ReadMemoryRequest
    from .read_memory_request_format import ReadMemoryRequestFormat
    from .read_memory_response import ReadMemoryResponse
    from .read_memory_response_retrieval_meta_type_0 import (
        ReadMemoryResponseRetrievalMetaType0,
    )
    from .read_memory_response_sufficiency_type_0 import (
        ReadMemoryResponseSufficiencyType0,
    )
    from .request_stats_response import RequestStatsResponse
    from .retrieval_explain_analysis import RetrievalExplainAnalysis
    from .retrieval_explain_analysis_metadata import RetrievalExplainAnalysisMetadata
    from .retrieval_explain_execution_step import RetrievalExplainExecutionStep
    from .retrieval_explain_execution_step_filters import (
        RetrievalExplainExecutionStepFilters,
    )
    from .retrieval_explain_execution_step_result_preview_item import (
        RetrievalExplainExecutionStepResultPreviewItem,
    )
    from .retrieval_explain_plan_step import RetrievalExplainPlanStep
    from .retrieval_explain_plan_step_time_filter_type_0 import (
        RetrievalExplainPlanStepTimeFilterType0,
    )
    from .retrieval_explain_rerank_item import RetrievalExplainRerankItem
    from .retrieval_explain_rerank_item_breakdown import (
        RetrievalExplainRerankItemBreakdown,
    )
    from .retrieval_result_item import RetrievalResultItem
    from .retrieval_result_item_metadata import RetrievalResultItemMetadata
    from .session_context_response import SessionContextResponse
    from .session_info import SessionInfo
    from .session_info_metadata import SessionInfoMetadata
    from .tenant_info import TenantInfo
    from .tenant_labile_info import TenantLabileInfo
    from .timeline_point import TimelinePoint
    from .update_memory_request import UpdateMemoryRequest
    from .update_memory_request_metadata_type_0 import UpdateMemoryRequestMetadataType0
    from .update_memory_response import UpdateMemoryResponse
    from .validation_error import ValidationError
    from .validation_error_context import ValidationErrorContext
    from .write_batch_request import WriteBatchRequest
    from .write_batch_response import WriteBatchResponse
    from .write_batch_turn import WriteBatchTurn
    from .write_batch_turn_metadata import WriteBatchTurnMetadata
    from .write_memory_request import WriteMemoryRequest
    from .write_memory_request_metadata import WriteMemoryRequestMetadata
    from .write_memory_response import WriteMemoryResponse
    from .write_memory_response_eval_outcome_type_0 import (
        WriteMemoryResponseEvalOutcomeType0,
    )

# name -> the module (relative to this package) that defines it
_MODULES: dict[str, str] = {
    "BulkActionRequest": ".bulk_action_request",
    "BulkActionRequestAction": ".bulk_action_request_action",
    "ComponentStatus": ".component_status",
    "ComponentStatusDetails": ".component_status_details",
    "ConfigItem": ".config_item",
    "ConfigSection": ".config_section",
    "ConfigUpdateRequest": ".config_update_request",
    "ConfigUpdateRequestUpdates": ".config_update_request_updates",
    "CreateSessionRequest": ".create_session_request",
    "CreateSessionRequestMetadata": ".create_session_request_metadata",
    "CreateSessionResponse": ".create_session_response",
    "DashboardComponentsResponse": ".dashboard_components_response",
    "DashboardConfigResponse": ".dashboard_config_response",
    "DashboardConsolidateRequest": ".dashboard_consolidate_request",
    "DashboardEvaluationArtifact": ".dashboard_evaluation_artifact",
    "DashboardEvaluationSummary": ".dashboard_evaluation_summary",
    "DashboardEvaluationSummaryComparisonsItem": ".dashboard_evaluation_summary_comparisons_item",
    "DashboardEvaluationSummaryLatestSummaryType0": ".dashboard_evaluation_summary_latest_summary_type_0",
    "DashboardEvaluationSummaryReadiness": ".dashboard_evaluation_summary_readiness",
    "DashboardFactDetail": ".dashboard_fact_detail",
    "DashboardFactDetailLineageItem": ".dashboard_fact_detail_lineage_item",
    "DashboardFactDetailSupersededByItem": ".dashboard_fact_detail_superseded_by_item",
    "DashboardFactEvidenceItem": ".dashboard_fact_evidence_item",
    "DashboardFactEvidenceItemMetadata": ".dashboard_fact_evidence_item_metadata",
    "DashboardFactEvidenceResponse": ".dashboard_fact_evidence_response",
    "DashboardForgetRequest": ".dashboard_forget_request",
    "DashboardForgettingPreviewItem": ".dashboard_forgetting_preview_item",
    "DashboardForgettingPreviewItemDuplicateMatchesItem": ".dashboard_forgetting_preview_item_duplicate_matches_item",
    "DashboardForgettingPreviewRequest": ".dashboard_forgetting_preview_request",
    "DashboardForgettingPreviewResponse": ".dashboard_forgetting_preview_response",
    "DashboardForgettingPreviewResponseSummary": ".dashboard_forgetting_preview_response_summary",
    "DashboardInvalidateFactResponseDashboardInvalidateFactApiV1DashboardFactsFactIdInvalidatePost": ".dashboard_invalidate_fact_response_dashboard_invalidate_fact_api_v1_dashboard_facts_fact_id_invalidate_post",
    "DashboardJobItem": ".dashboard_job_item",
    "DashboardJobItemResultType0": ".dashboard_job_item_result_type_0",
    "DashboardJobsResponse": ".dashboard_jobs_response",
    "DashboardLabileResponse": ".dashboard_labile_response",
    "DashboardLineageMemory": ".dashboard_lineage_memory",
    "DashboardMemoryDetail": ".dashboard_memory_detail",
    "DashboardMemoryLineageResponse": ".dashboard_memory_lineage_response",
    "DashboardMemoryListItem": ".dashboard_memory_list_item",
    "DashboardMemoryListResponse": ".dashboard_memory_list_response",
    "DashboardOpsMetric": ".dashboard_ops_metric",
    "DashboardOpsMetricLabels": ".dashboard_ops_metric_labels",
    "DashboardOpsResponse": ".dashboard_ops_response",
    "DashboardOpsResponseHighlights": ".dashboard_ops_response_highlights",
    "DashboardOverview": ".dashboard_overview",
    "DashboardOverviewByStatus": ".dashboard_overview_by_status",
    "DashboardOverviewByType": ".dashboard_overview_by_type",
    "DashboardOverviewFactsByCategory": ".dashboard_overview_facts_by_category",
    "DashboardQualityIssue": ".dashboard_quality_issue",
    "DashboardQualityResponse": ".dashboard_quality_response",
    "DashboardQualityResponseGraphHygiene": ".dashboard_quality_response_graph_hygiene",
    "DashboardQualityResponseInvalidationHotspotsItem": ".dashboard_quality_response_invalidation_hotspots_item",
    "DashboardRateLimitsResponse": ".dashboard_rate_limits_response",
    "DashboardReconsolidateRequest": ".dashboard_reconsolidate_request",
    "DashboardReconsolidationSessionItem": ".dashboard_reconsolidation_session_item",
    "DashboardReconsolidationSessionItemMemoriesItem": ".dashboard_reconsolidation_session_item_memories_item",
    "DashboardReconsolidationSessionsResponse": ".dashboard_reconsolidation_sessions_response",
    "DashboardRelatedJob": ".dashboard_related_job",
    "DashboardRelatedJobResultType0": ".dashboard_related_job_result_type_0",
    "DashboardRetrievalExplainResponse": ".dashboard_retrieval_explain_response",
    "DashboardRetrievalExplainResponseRetrievalMeta": ".dashboard_retrieval_explain_response_retrieval_meta",
    "DashboardRetrievalRequest": ".dashboard_retrieval_request",
    "DashboardRetrievalRequestFormat": ".dashboard_retrieval_request_format",
    "DashboardRetrievalResponse": ".dashboard_retrieval_response",
    "DashboardSessionsResponse": ".dashboard_sessions_response",
    "DashboardTenantsResponse": ".dashboard_tenants_response",
    "DashboardTimelineResponse": ".dashboard_timeline_response",
    "DashboardWriteSimulationChunk": ".dashboard_write_simulation_chunk",
    "DashboardWriteSimulationChunkEntitiesItem": ".dashboard_write_simulation_chunk_entities_item",
    "DashboardWriteSimulationChunkExtractedConstraintsItem": ".dashboard_write_simulation_chunk_extracted_constraints_item",
    "DashboardWriteSimulationChunkExtractedFactsItem": ".dashboard_write_simulation_chunk_extracted_facts_item",
    "DashboardWriteSimulationChunkExtractorOutputs": ".dashboard_write_simulation_chunk_extractor_outputs",
    "DashboardWriteSimulationChunkRedactionsItem": ".dashboard_write_simulation_chunk_redactions_item",
    "DashboardWriteSimulationChunkRelationsItem": ".dashboard_write_simulation_chunk_relations_item",
    "DashboardWriteSimulationRequest": ".dashboard_write_simulation_request",
    "DashboardWriteSimulationRequestMetadata": ".dashboard_write_simulation_request_metadata",
    "DashboardWriteSimulationResponse": ".dashboard_write_simulation_response",
    "DashboardWriteSimulationResponseSummary": ".dashboard_write_simulation_response_summary",
    "ErrorDetail": ".error_detail",
    "FactItem": ".fact_item",
    "FactListResponse": ".fact_list_response",
    "ForgetRequest": ".forget_request",
    "ForgetRequestAction": ".forget_request_action",
    "ForgetResponse": ".forget_response",
    "GraphEdgeInfo": ".graph_edge_info",
    "GraphEdgeInfoProperties": ".graph_edge_info_properties",
    "GraphExploreResponse": ".graph_explore_response",
    "GraphNeo4JConfigResponse": ".graph_neo_4j_config_response",
    "GraphNodeInfo": ".graph_node_info",
    "GraphNodeInfoProperties": ".graph_node_info_properties",
    "GraphSearchResponse": ".graph_search_response",
    "GraphSearchResult": ".graph_search_result",
    "GraphStatsResponse": ".graph_stats_response",
    "GraphStatsResponseEntityTypes": ".graph_stats_response_entity_types",
    "HourlyRequestCount": ".hourly_request_count",
    "HTTPValidationError": ".http_validation_error",
    "MemoryItem": ".memory_item",
    "MemoryItemMetadata": ".memory_item_metadata",
    "MemoryStats": ".memory_stats",
    "MemoryStatsByType": ".memory_stats_by_type",
    "MemoryType": ".memory_type",
    "ProcessTurnRequest": ".process_turn_request",
    "ProcessTurnResponse": ".process_turn_response",
    "RateLimitEntry": ".rate_limit_entry",
    "ReadMemoryRequest": ".read_memory_request",
    "ReadMemoryRequestFormat": ".read_memory_request_format",
    "ReadMemoryResponse": ".read_memory_response",
    "ReadMemoryResponseRetrievalMetaType0": ".read_memory_response_retrieval_meta_type_0",
    "ReadMemoryResponseSufficiencyType0": ".read_memory_response_sufficiency_type_0",
    "RequestStatsResponse": ".request_stats_response",
    "RetrievalExplainAnalysis": ".retrieval_explain_analysis",
    "RetrievalExplainAnalysisMetadata": ".retrieval_explain_analysis_metadata",
    "RetrievalExplainExecutionStep": ".retrieval_explain_execution_step",
    "RetrievalExplainExecutionStepFilters": ".retrieval_explain_execution_step_filters",
    "RetrievalExplainExecutionStepResultPreviewItem": ".retrieval_explain_execution_step_result_preview_item",
    "RetrievalExplainPlanStep": ".retrieval_explain_plan_step",
    "RetrievalExplainPlanStepTimeFilterType0": ".retrieval_explain_plan_step_time_filter_type_0",
    "RetrievalExplainRerankItem": ".retrieval_explain_rerank_item",
    "RetrievalExplainRerankItemBreakdown": ".retrieval_explain_rerank_item_breakdown",
    "RetrievalResultItem": ".retrieval_result_item",
    "RetrievalResultItemMetadata": ".retrieval_result_item_metadata",
    "SessionContextResponse": ".session_context_response",
    "SessionInfo": ".session_info",
    "SessionInfoMetadata": ".session_info_metadata",
    "TenantInfo": ".tenant_info",
    "TenantLabileInfo": ".tenant_labile_info",
    "TimelinePoint": ".timeline_point",
    "UpdateMemoryRequest": ".update_memory_request",
    "UpdateMemoryRequestMetadataType0": ".update_memory_request_metadata_type_0",
    "UpdateMemoryResponse": ".update_memory_response",
    "ValidationError": ".validation_error",
    "ValidationErrorContext": ".validation_error_context",
    "WriteBatchRequest": ".write_batch_request",
    "WriteBatchResponse": ".write_batch_response",
    "WriteBatchTurn": ".write_batch_turn",
    "WriteBatchTurnMetadata": ".write_batch_turn_metadata",
    "WriteMemoryRequest": ".write_memory_request",
    "WriteMemoryRequestMetadata": ".write_memory_request_metadata",
    "WriteMemoryResponse": ".write_memory_response",
    "WriteMemoryResponseEvalOutcomeType0": ".write_memory_response_eval_outcome_type_0",
}


def __getattr__(name: str) -> Any:
    module = _MODULES.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(module, __name__), name)
    globals()[name] = value  # later lookups skip this function
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_MODULES})


__all__ = (
    "BulkActionRequest",
    "BulkActionRequestAction",
    "ComponentStatus",
    "ComponentStatusDetails",
    "ConfigItem",
    "ConfigSection",
    "ConfigUpdateRequest",
    "ConfigUpdateRequestUpdates",
    "CreateSessionRequest",
    "CreateSessionRequestMetadata",
    "CreateSessionResponse",
    "DashboardComponentsResponse",
    "DashboardConfigResponse",
    "DashboardConsolidateRequest",
    "DashboardEvaluationArtifact",
    "DashboardEvaluationSummary",
    "DashboardEvaluationSummaryComparisonsItem",
    "DashboardEvaluationSummaryLatestSummaryType0",
    "DashboardEvaluationSummaryReadiness",
    "DashboardFactDetail",
    "DashboardFactDetailLineageItem",
    "DashboardFactDetailSupersededByItem",
    "DashboardFactEvidenceItem",
    "DashboardFactEvidenceItemMetadata",
    "DashboardFactEvidenceResponse",
    "DashboardForgetRequest",
    "DashboardForgettingPreviewItem",
    "DashboardForgettingPreviewItemDuplicateMatchesItem",
    "DashboardForgettingPreviewRequest",
    "DashboardForgettingPreviewResponse",
    "DashboardForgettingPreviewResponseSummary",
    "DashboardInvalidateFactResponseDashboardInvalidateFactApiV1DashboardFactsFactIdInvalidatePost",
    "DashboardJobItem",
    "DashboardJobItemResultType0",
    "DashboardJobsResponse",
    "DashboardLabileResponse",
    "DashboardLineageMemory",
    "DashboardMemoryDetail",
    "DashboardMemoryLineageResponse",
    "DashboardMemoryListItem",
    "DashboardMemoryListResponse",
    "DashboardOpsMetric",
    "DashboardOpsMetricLabels",
    "DashboardOpsResponse",
    "DashboardOpsResponseHighlights",
    "DashboardOverview",
    "DashboardOverviewByStatus",
    "DashboardOverviewByType",
    "DashboardOverviewFactsByCategory",
    "DashboardQualityIssue",
    "DashboardQualityResponse",
    "DashboardQualityResponseGraphHygiene",
    "DashboardQualityResponseInvalidationHotspotsItem",
    "DashboardRateLimitsResponse",
    "DashboardReconsolidateRequest",
    "DashboardReconsolidationSessionItem",
    "DashboardReconsolidationSessionItemMemoriesItem",
    "DashboardReconsolidationSessionsResponse",
    "DashboardRelatedJob",
    "DashboardRelatedJobResultType0",
    "DashboardRetrievalExplainResponse",
    "DashboardRetrievalExplainResponseRetrievalMeta",
    "DashboardRetrievalRequest",
    "DashboardRetrievalRequestFormat",
    "DashboardRetrievalResponse",
    "DashboardSessionsResponse",
    "DashboardTenantsResponse",
    "DashboardTimelineResponse",
    "DashboardWriteSimulationChunk",
    "DashboardWriteSimulationChunkEntitiesItem",
    "DashboardWriteSimulationChunkExtractedConstraintsItem",
    "DashboardWriteSimulationChunkExtractedFactsItem",
    "DashboardWriteSimulationChunkExtractorOutputs",
    "DashboardWriteSimulationChunkRedactionsItem",
    "DashboardWriteSimulationChunkRelationsItem",
    "DashboardWriteSimulationRequest",
    "DashboardWriteSimulationRequestMetadata",
    "DashboardWriteSimulationResponse",
    "DashboardWriteSimulationResponseSummary",
    "ErrorDetail",
    "FactItem",
    "FactListResponse",
    "ForgetRequest",
    "ForgetRequestAction",
    "ForgetResponse",
    "GraphEdgeInfo",
    "GraphEdgeInfoProperties",
    "GraphExploreResponse",
    "GraphNeo4JConfigResponse",
    "GraphNodeInfo",
    "GraphNodeInfoProperties",
    "GraphSearchResponse",
    "GraphSearchResult",
    "GraphStatsResponse",
    "GraphStatsResponseEntityTypes",
    "HTTPValidationError",
    "HourlyRequestCount",
    "MemoryItem",
    "MemoryItemMetadata",
    "MemoryStats",
    "MemoryStatsByType",
    "MemoryType",
    "ProcessTurnRequest",
    "ProcessTurnResponse",
    "RateLimitEntry",
    "ReadMemoryRequest",
    "ReadMemoryRequestFormat",
    "ReadMemoryResponse",
    "ReadMemoryResponseRetrievalMetaType0",
    "ReadMemoryResponseSufficiencyType0",
    "RequestStatsResponse",
    "RetrievalExplainAnalysis",
    "RetrievalExplainAnalysisMetadata",
    "RetrievalExplainExecutionStep",
    "RetrievalExplainExecutionStepFilters",
    "RetrievalExplainExecutionStepResultPreviewItem",
    "RetrievalExplainPlanStep",
    "RetrievalExplainPlanStepTimeFilterType0",
    "RetrievalExplainRerankItem",
    "RetrievalExplainRerankItemBreakdown",
    "RetrievalResultItem",
    "RetrievalResultItemMetadata",
    "SessionContextResponse",
    "SessionInfo",
    "SessionInfoMetadata",
    "TenantInfo",
    "TenantLabileInfo",
    "TimelinePoint",
    "UpdateMemoryRequest",
    "UpdateMemoryRequestMetadataType0",
    "UpdateMemoryResponse",
    "ValidationError",
    "ValidationErrorContext",
    "WriteBatchRequest",
    "WriteBatchResponse",
    "WriteBatchTurn",
    "WriteBatchTurnMetadata",
    "WriteMemoryRequest",
    "WriteMemoryRequestMetadata",
    "WriteMemoryResponse",
    "WriteMemoryResponseEvalOutcomeType0",
)
