/** The cases module's public face (萤火虫个案服务中心). */
export { casesRoutesPlugin } from './cases.routes';
export { createCase } from './cases.service';
