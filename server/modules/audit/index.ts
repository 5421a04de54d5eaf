/** The audit module's public face: search pages and chain verification. */
export { auditRoutesPlugin } from './audit.routes';
export { accessAbout, allChains, changesOf, purgeAccessLog, verifyChain } from './audit.service';
