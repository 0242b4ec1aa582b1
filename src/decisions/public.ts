// Front door of the decisions module (重大行政决策, consultations, 列席, 开放日): what other modules may use.
export { participationEvidence, type ParticipationEvidence } from './evidence.service.js';
export { counters as consultationCounters, countedCounters as consultationCountedCounters, missingDispositions } from './consultations.service.js';
export { drawFromSeed } from './pure/draw.js';
export { CATEGORY_LABELS, DISPOSITION_LABELS, STAGE_LABELS } from './pure/rules.js';
export { consultationsForYear, type ConsultationsYear } from './report-figures.js';
export {
  PARTICIPATION_TARGETS, PARTICIPATION_TARGET_LABELS, citableParticipation, participationRefs, searchParticipation,
  type ParticipationRef, type ParticipationTarget,
} from './citations.service.js';
