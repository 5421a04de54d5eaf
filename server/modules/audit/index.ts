/** The audit module's public face: search pages and chain verification. */
export { auditRoutesPlugin } from './audit.routes';
export { allChains, verifyChain } from './audit.service';
