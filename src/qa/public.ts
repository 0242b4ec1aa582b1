// Front door of the qa module (政策问答): what other modules may use.
export { anchorArticles, cnToInt, splitClauses, type Clause } from './clauses.js';
export { oldestUnanswered } from './consult.service.js';
