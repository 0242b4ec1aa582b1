// Front door of the auth module: who is asking (session / API token), password hashing.
export { actorFromApiToken, actorFromSession } from './auth.service.js';
export { createApiToken, issueApiToken } from './tokens.js';
export { generatePassword, hashPassword, PASSWORD_MIN } from './passwords.js';
export { passwordProblem } from './password-policy.js';
export { revokeUserTokens } from './tokens.js';
export { securitySettings } from './security-settings.js';
