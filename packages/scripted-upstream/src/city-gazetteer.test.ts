import { describe, expect, it } from 'vitest';
import { findCities } from './city-gazetteer.js';

describe('findCities', () => {
  it('finds cities in order of appearance, in the script the user wrote', () => {
    expect(findCities('北京天气怎么样?')).toEqual(['北京']);
    expect(findCities('上海和北京的天气')).toEqual(['上海', '北京']);
    expect(findCities('Weather in paris and Oslo?')).toEqual(['Paris', 'Oslo']);
    expect(findCities('Flights from New York to Tokyo')).toEqual(['New York', 'Tokyo']);
  });

  it('does not match inside longer words and reports a city once', () => {
    expect(findCities('Parisian style')).toEqual([]);
    expect(findCities('Beijing (北京) weather')).toEqual(['Beijing']);
    expect(findCities('no city here')).toEqual([]);
  });
});
