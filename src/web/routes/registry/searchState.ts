/**
 * In-memory search state that must not go into the URL. The name / ID-number text stays here
 * (never in the address bar, history or storage) so that "back to search" from a household
 * page restores the full filter within the session; a reload forgets it on purpose.
 */
export const searchMemory = {
  text: '',
  pageSize: 20,
  /** bumped by each explicit 查询 click so it always fetches fresh results */
  seq: 0,
  /** the last registry query string (region/category/page only), for the back link */
  lastSearch: '',
};

export function resetSearchMemory(): void {
  searchMemory.text = '';
  searchMemory.pageSize = 20;
  searchMemory.seq = 0;
  searchMemory.lastSearch = '';
}
