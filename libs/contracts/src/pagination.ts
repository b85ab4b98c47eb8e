/** One page of a list (`?page&pageSize`), or a whole short list: the rows and the count of all rows. */
export interface Page<T> {
  items: T[];
  total: number;
}
