/**
 * The default server-rendered pages: login, consent, logout, signed out, error and device.
 * No client-side script and no inline style; the stylesheet is served separately.
 */
export { type Branding, DEFAULT_PRODUCT_NAME, resolveBranding } from './branding.js';
export { contrastRatio, isHexColor } from './color.js';
export { formPostSecurityHeaders, frameSrcCsp } from './csp.js';
export { escapeHtml, safeAbsoluteUrl, safeImageUrl, safeLinkUrl } from './escape.js';
export type { PageContext, PageParts, TemplateFields } from './layout.js';
export * from './models.js';
export { FORM_POST_FORM_ID, FORM_POST_SCRIPT } from './pages/form-post.js';
export { createRenderer, type Renderer, type RendererOptions, type Stylesheet, TEMPLATE_FILES } from './renderer.js';
export { BUILT_IN_LOCALES, en, getStrings, type UiStrings } from './strings/index.js';
export {
  DARK_PALETTE,
  LIGHT_PALETTE,
  type Palette,
  renderStylesheet,
  stylesheetEtag,
  stylesheetHash,
} from './stylesheet.js';
export { fillTemplate } from './template.js';
