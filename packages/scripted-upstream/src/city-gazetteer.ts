/**
 * A small gazetteer of city names in Chinese and English: enough for the guide's weather examples
 * ("北京天气怎么样?", "Weather in Paris and Oslo?") to yield the city a real model would extract.
 */
export const CITY_GAZETTEER: ReadonlyArray<{ zh: string; en: string }> = [
  { zh: '北京', en: 'Beijing' },
  { zh: '上海', en: 'Shanghai' },
  { zh: '广州', en: 'Guangzhou' },
  { zh: '深圳', en: 'Shenzhen' },
  { zh: '杭州', en: 'Hangzhou' },
  { zh: '成都', en: 'Chengdu' },
  { zh: '武汉', en: 'Wuhan' },
  { zh: '西安', en: "Xi'an" },
  { zh: '南京', en: 'Nanjing' },
  { zh: '香港', en: 'Hong Kong' },
  { zh: '台北', en: 'Taipei' },
  { zh: '东京', en: 'Tokyo' },
  { zh: '大阪', en: 'Osaka' },
  { zh: '首尔', en: 'Seoul' },
  { zh: '新加坡', en: 'Singapore' },
  { zh: '曼谷', en: 'Bangkok' },
  { zh: '悉尼', en: 'Sydney' },
  { zh: '巴黎', en: 'Paris' },
  { zh: '伦敦', en: 'London' },
  { zh: '柏林', en: 'Berlin' },
  { zh: '罗马', en: 'Rome' },
  { zh: '马德里', en: 'Madrid' },
  { zh: '阿姆斯特丹', en: 'Amsterdam' },
  { zh: '奥斯陆', en: 'Oslo' },
  { zh: '斯德哥尔摩', en: 'Stockholm' },
  { zh: '莫斯科', en: 'Moscow' },
  { zh: '纽约', en: 'New York' },
  { zh: '旧金山', en: 'San Francisco' },
  { zh: '洛杉矶', en: 'Los Angeles' },
  { zh: '芝加哥', en: 'Chicago' },
  { zh: '多伦多', en: 'Toronto' },
  { zh: '墨西哥城', en: 'Mexico City' },
  { zh: '圣保罗', en: 'São Paulo' },
  { zh: '开罗', en: 'Cairo' },
];

interface Found {
  position: number;
  name: string;
}

// English names match as whole words, case-insensitively ("paris" yes, "Parisian" no).
const PATTERNS = CITY_GAZETTEER.map((city) => {
  const escaped = city.en.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return { ...city, english: new RegExp(`(?<![\\p{L}\\p{N}])${escaped}(?![\\p{L}\\p{N}])`, 'iu') };
});

/**
 * Cities mentioned in `text`, in order of appearance, each once, spelled as the user wrote them
 * (Chinese stays Chinese, English gets its canonical casing).
 */
export function findCities(text: string): string[] {
  const found: Found[] = [];
  for (const city of PATTERNS) {
    const zh = text.indexOf(city.zh);
    const en = city.english.exec(text)?.index ?? -1;
    if (zh < 0 && en < 0) continue;
    const useZh = zh >= 0 && (en < 0 || zh <= en);
    found.push({ position: useZh ? zh : en, name: useZh ? city.zh : city.en });
  }
  return found.sort((left, right) => left.position - right.position).map((entry) => entry.name);
}
