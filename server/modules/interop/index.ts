/** The interop module's public face: the Open311 GeoReport v2 interface and its API keys. */
export { interopRoutesPlugin } from './open311.routes';
