// Front door of the auth module: who is asking (session / API token), password hashing.
export { actorFromApiToken, actorFromSession, createApiToken } from './auth.service.js';
export { generatePassword, hashPassword, PASSWORD_MIN } from './passwords.js';
