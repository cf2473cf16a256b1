/** Shared pieces of the intake page tests (mocked fetch handlers and helpers). */
import { fireEvent, screen, waitFor } from '@testing-library/react';
import type { Handler } from '../../test-utils';

/** The region tree down to 华阳社区 (GET /api/regions/{code}/children; 22 comes from test-utils). */
export const regionTree: Handler = ({ method, url }) => {
  if (method !== 'GET') return undefined;
  const children: Record<string, object[]> = {
    '/api/regions/2201/children': [{ code: '220102', name: '南关区', level: 'county', has_children: true }],
    '/api/regions/220102/children': [{ code: '220102001', name: '南岭街道', level: 'township', has_children: true }],
    '/api/regions/220102001/children': [
      { code: '220102001001', name: '华阳社区', level: 'village', has_children: false },
      { code: '220102001002', name: '永吉社区', level: 'village', has_children: false },
    ],
  };
  if (children[url]) return { body: { items: children[url] } };
  if (url === '/api/regions/220102001001') {
    return {
      body: {
        code: '220102001001', name: '华阳社区', level: 'village', parent_code: '220102001',
        path: [
          { code: '22', name: '吉林省', level: 'province' }, { code: '2201', name: '长春市', level: 'prefecture' }, { code: '220102', name: '南关区', level: 'county' },
          { code: '220102001', name: '南岭街道', level: 'township' }, { code: '220102001001', name: '华阳社区', level: 'village' },
        ],
      },
    };
  }
  return undefined;
};

/** Open a select (its element, or the one labelled `label`) and choose the option reading `text`. */
export async function choose(label: string | HTMLElement, text: string) {
  const select = typeof label === 'string' ? await screen.findByLabelText(label) : label;
  fireEvent.mouseDown(select);
  const option = await waitFor(() => {
    const hit = [...document.querySelectorAll('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option')].find((el) => el.textContent === text);
    if (!hit) throw new Error(`no option ${text}`);
    return hit as HTMLElement;
  });
  fireEvent.click(option);
}

/** Type into the input with this id (antd Form ids: the name path joined by _, e.g. members_0_name). */
export function type(id: string, value: string) {
  const el = document.getElementById(id);
  if (!el) throw new Error(`no input #${id}`);
  fireEvent.change(el, { target: { value } });
}

/** The select of one region level (the children of a code of this many digits). */
export async function level(digits: number): Promise<HTMLElement> {
  const el = await waitFor(() => {
    const hit = document.querySelector(`[data-testid="region-level-${digits}"] input`);
    if (!hit) throw new Error(`no region level ${digits}`);
    return hit as HTMLElement;
  });
  return el;
}

/** Valid fictitious ID numbers (check characters computed). */
export const ID_HEAD = '220102195803120017';
export const ID_SPOUSE = '220102196001010021';
export const ID_OTHER = '220102194505050036';
