import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { PagedList, type PagesLike } from './paged-list';
import { num, Table } from './table';

afterEach(cleanup);

const pagesOf = (pages: string[][], over: Partial<PagesLike<string>> = {}): PagesLike<string> => ({
  data: { pages: pages.map((items) => ({ items })) },
  error: null,
  isPending: false,
  hasNextPage: false,
  isFetchingNextPage: false,
  fetchNextPage: () => undefined,
  ...over,
});

const rows = (items: readonly string[]) => (
  <Table testId="t" columns={['Name', num('Qty')]}>
    {items.map((i) => (
      <tr key={i}>
        <td>{i}</td>
        <td className="r num">1</td>
      </tr>
    ))}
  </Table>
);

describe('PagedList', () => {
  it('says empty when every page is empty', () => {
    render(
      <PagedList pages={pagesOf([[]])} empty="No orders yet.">
        {rows}
      </PagedList>,
    );
    expect(screen.getByText('No orders yet.')).toBeTruthy();
    expect(screen.queryByTestId('t')).toBeNull();
  });

  it('renders the rows of every fetched page and asks for the next one', () => {
    let asked = 0;
    const pages = pagesOf([['a', 'b'], ['c']], {
      hasNextPage: true,
      fetchNextPage: () => (asked += 1),
    });
    render(
      <PagedList pages={pages} empty="none">
        {rows}
      </PagedList>,
    );
    const table = screen.getByTestId('t');
    expect([...table.querySelectorAll('th')].map((th) => [th.textContent, th.className])).toEqual([
      ['Name', ''],
      ['Qty', 'r'],
    ]);
    expect(table.querySelectorAll('tbody tr')).toHaveLength(3);
    expect(screen.getByText('3 shown')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Load more' }));
    expect(asked).toBe(1);
  });

  it('says the end of history once there is no next page', () => {
    render(
      <PagedList pages={pagesOf([['a']])} empty="none">
        {rows}
      </PagedList>,
    );
    expect(screen.getByText('End of history')).toBeTruthy();
  });
});
