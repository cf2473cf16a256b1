import { Tag, Tooltip } from 'antd';
import { CATEGORY_COLORS, useLabels } from '../../api/vocabulary';

/** Assistance categories as coloured tags (short Chinese label, full name on hover). */
export function CategoryTags({ codes }: { codes: string[] }) {
  const { label, categoryTag } = useLabels();
  return (
    <>
      {codes.map((c) => (
        <Tooltip key={c} title={label('categories', c)}>
          <Tag color={CATEGORY_COLORS[c] ?? 'default'} style={{ marginInlineEnd: 4 }}>
            {categoryTag(c)}
          </Tag>
        </Tooltip>
      ))}
    </>
  );
}
