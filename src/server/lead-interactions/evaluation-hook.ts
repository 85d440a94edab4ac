// Whether an interaction has a quality evaluation (migration 020_quality): an original score
// or a re-score, any evaluator. Used by the filter `hasEvaluation` and the list's column.
export const HAS_EVALUATION_SQL = 'EXISTS (SELECT 1 FROM quality_evaluations qe WHERE qe.interaction_id = i.id)';
