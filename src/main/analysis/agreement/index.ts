// Agreement between models, and against a gold column: pure functions, no I/O (issue 18). docs/agreement.md defines
// every statistic and gives its reference.
export { agreementReport, MAX_CONFUSION_LEVELS } from './report.ts';
export { extractLabel, normaliseAnswer } from './extract-label.ts';
export { RatingTableSchema, FieldDescriptionSchema, RatingValueSchema } from './table.ts';
export type { RatingTable, FieldDescription, FieldKind, RatingValue } from './table.ts';
export { AgreementReportSchema, AgreementOptionsSchema } from '../../../shared/agreement-report.ts';
export type { AgreementReport, AgreementOptions, Estimate, PairReport, GoldReport, ConfusionMatrix } from '../../../shared/agreement-report.ts';
