import type { RouteMeta } from 'vue-router';

/** One step of the breadcrumbs: an i18n key and, except for the current page and sections, a link. */
export interface Crumb {
  labelKey: string;
  to?: string;
}

/** A page's parents are few; the cap only stops a mistaken cycle in the routes' `parent`s. */
const MAX_DEPTH = 5;

/**
 * The breadcrumbs of a page from the routes' meta: 首页 (the role's home, `/`), the menu section
 * (`sectionKey`, no link), the chain of `parent` pages (linked) and the page itself (not linked).
 * `metaOf` gives the meta of a parent's path (the router's `resolve(path).meta`). Pages without a
 * title (the home redirect) have none.
 */
export function breadcrumbsOf(
  page: { path: string; meta: RouteMeta },
  metaOf: (path: string) => RouteMeta,
): Crumb[] {
  if (!page.meta.titleKey || page.meta.public || page.meta.home) return [];
  const trail: Crumb[] = [{ labelKey: page.meta.titleKey }];
  const seen = new Set([page.path]);
  let meta = page.meta;
  while (meta.parent && !seen.has(meta.parent) && trail.length <= MAX_DEPTH) {
    const path = meta.parent;
    seen.add(path);
    meta = metaOf(path);
    if (!meta.titleKey) break;
    trail.unshift({ labelKey: meta.titleKey, to: path });
  }
  if (meta.sectionKey) trail.unshift({ labelKey: meta.sectionKey });
  return [{ labelKey: 'layout.home', to: '/' }, ...trail];
}
