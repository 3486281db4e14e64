/** The bureau review API contract: schemas, problem types and the OpenAPI document builder. */
export * from './schemas';
export * from './problems';
export { buildOpenApi, API_VERSION } from './openapi';
