/**
 * Name lists for fictitious demo people: surnames weighted roughly as in Northeast China (with a
 * separate mix for the Korean community of 延边), and given-name characters by sex and by the
 * generation a person was born in. Names are composed, not taken from any real register.
 */
import { Random, weightedTable, type WeightedTable } from './random.js';

/** Surname → relative weight (roughly per-mille of the population in Jilin). */
const NORTHEAST_SURNAMES: readonly (readonly [string, number])[] = [
  ['王', 75], ['李', 75], ['张', 70], ['刘', 60], ['赵', 30], ['孙', 25], ['杨', 25], ['陈', 20],
  ['于', 18], ['徐', 15], ['高', 15], ['马', 13], ['郭', 12], ['周', 12], ['吴', 10], ['朱', 10],
  ['金', 10], ['宋', 10], ['韩', 10], ['姜', 9], ['孟', 8], ['董', 8], ['崔', 7], ['梁', 6],
  ['丁', 6], ['冯', 6], ['付', 6], ['胡', 6], ['曹', 6], ['田', 6], ['白', 6], ['黄', 6],
  ['何', 5], ['林', 5], ['郑', 5], ['许', 5], ['石', 5], ['贾', 5], ['魏', 5], ['杜', 5],
  ['吕', 5], ['任', 5], ['曲', 5], ['罗', 4], ['谢', 4], ['唐', 4], ['程', 4], ['薛', 4],
  ['范', 4], ['侯', 4], ['潘', 4], ['苏', 4], ['袁', 4], ['卢', 4], ['关', 4], ['常', 4],
  ['闫', 4], ['邓', 3], ['邢', 3], ['秦', 3], ['蒋', 3], ['沈', 3], ['姚', 3], ['史', 3],
  ['谭', 3], ['彭', 3], ['邹', 3], ['尹', 3], ['武', 3], ['乔', 3], ['安', 3], ['齐', 3],
  ['段', 3], ['康', 3], ['牛', 3], ['邵', 3], ['郝', 3], ['汪', 2], ['隋', 2], ['佟', 2],
  ['庞', 2], ['单', 2], ['毕', 2], ['鲁', 2], ['谷', 2], ['葛', 2], ['钱', 2], ['陆', 2],
  ['万', 2], ['温', 2], ['尚', 2], ['那', 1.5], ['迟', 1.5], ['宫', 1.5], ['富', 1], ['战', 1],
  ['修', 1], ['初', 1], ['栾', 1], ['滕', 1], ['穆', 1], ['鞠', 1], ['庄', 1], ['臧', 1],
];

/** Surnames common among Korean Chinese (朝鲜族) in 延边. */
const KOREAN_SURNAMES: readonly (readonly [string, number])[] = [
  ['金', 22], ['李', 15], ['朴', 10], ['崔', 7], ['郑', 4], ['张', 3], ['姜', 3], ['赵', 2.5],
  ['尹', 2.5], ['林', 2], ['韩', 2], ['申', 2], ['许', 1.5], ['权', 1.5], ['吴', 1.5], ['徐', 1.5],
  ['黄', 1.5], ['安', 1.5], ['全', 1.2], ['宋', 1.2], ['柳', 1], ['洪', 1], ['高', 1], ['文', 1],
  ['梁', 0.8], ['孙', 0.8], ['白', 0.8], ['南', 0.8], ['裴', 0.6], ['池', 0.5], ['玄', 0.5],
  ['车', 0.5], ['方', 0.5], ['卢', 0.5], ['严', 0.4], ['元', 0.4], ['千', 0.3], ['太', 0.3],
  ['具', 0.3], ['禹', 0.3],
];

/** Share of 延边 households drawn from the Korean surname list. */
const YANBIAN_KOREAN_SHARE = 0.35;
const YANBIAN_PREFECTURE = '2224';

type Generation = 'old' | 'middle' | 'young';

const GIVEN_CHARACTERS: Record<Generation, { male: string; female: string }> = {
  old: {
    male: '福贵财富德明山林海文武国庆祥喜春成有金广忠义宝树生臣昌荣发才永长万振殿恩廷魁双友本学志连占景凤',
    female: '淑秀桂兰凤芝英珍琴华荣玉翠霞芳云梅香菊萍素彩娥贤杰清艳敏洁丽亚金春',
  },
  middle: {
    male: '建军伟勇强刚斌波峰辉杰涛明东亮磊鹏林新国宏海春立红光志永晓德龙彬平超健冬学成文华忠庆权喜',
    female: '丽艳红霞敏静娟燕玲杰颖梅英华芳萍莉晶丹岩爽宏春秀凤淑晓雪微冬海亚琳洁慧',
  },
  young: {
    male: '浩宇轩子博涵泽晨俊睿鑫磊鹏杰天一明哲航铭翔森阳鸿瑞锦皓嘉奕梓文佳思成昊宸毅峻腾',
    female: '欣怡雨琪佳涵梓诗婷萱彤悦晴瑶思可馨妍雪文慧月心嘉一子婉琳娜颖露丹蕾宁楠钰桐冉曼菲',
  },
};

let northeastTable: WeightedTable<string> | undefined;
let koreanTable: WeightedTable<string> | undefined;

/** A surname for a new household in the given prefecture (4-digit code). */
export function drawSurname(rng: Random, prefecture: string): string {
  northeastTable ??= weightedTable(NORTHEAST_SURNAMES);
  koreanTable ??= weightedTable(KOREAN_SURNAMES);
  const korean = prefecture === YANBIAN_PREFECTURE && rng.chance(YANBIAN_KOREAN_SHARE);
  return rng.draw(korean ? koreanTable : northeastTable);
}

function generationOf(birthYear: number): Generation {
  if (birthYear < 1960) return 'old';
  if (birthYear < 1990) return 'middle';
  return 'young';
}

/** A given name of one or two characters, in the style of the person's birth generation. */
export function drawGivenName(rng: Random, sex: 'male' | 'female', birthYear: number): string {
  const chars = GIVEN_CHARACTERS[generationOf(birthYear)][sex];
  const first = chars[Math.floor(rng.next() * chars.length)];
  const roll = rng.next();
  if (roll < 0.25) return first;
  if (roll < 0.28 && sex === 'female') return first + first;
  let second = chars[Math.floor(rng.next() * chars.length)];
  if (second === first) second = chars[(chars.indexOf(first) + 1) % chars.length];
  return first + second;
}

export function drawFullName(rng: Random, surname: string, sex: 'male' | 'female', birthYear: number): string {
  return surname + drawGivenName(rng, sex, birthYear);
}
