"""Contains all the data models used in inputs/outputs"""

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
from .dashboard_evaluation_summary_readiness import DashboardEvaluationSummaryReadiness
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
from .dashboard_forgetting_preview_response import DashboardForgettingPreviewResponse
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
from .dashboard_reconsolidation_session_item import DashboardReconsolidationSessionItem
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
from .read_memory_response_sufficiency_type_0 import ReadMemoryResponseSufficiencyType0
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
from .retrieval_explain_rerank_item_breakdown import RetrievalExplainRerankItemBreakdown
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
