// Looking up the elements a page's script needs. A missing element is a bug
// in the page, so it fails loudly at start-up rather than later.

export function byId<T extends HTMLElement>(id: string, type: { new (): T }): T {
  const el = document.getElementById(id);
  if (!(el instanceof type)) {
    throw new Error(`page is missing #${id} (${type.name})`);
  }
  return el;
}
