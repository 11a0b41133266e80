import { describe, expect, it } from 'vitest';
import { CHATWORK_MAX_BODY, chatworkInfoBlock, escapeChatworkText } from './chatwork-notation';

const TAGS = /\[[^\]]*\]/;

describe('escapeChatworkText', () => {
  it.each([
    '[/info]',
    '[toall]',
    '[To:123]',
    '[rp aid=1 to=2-3]',
    '[qt][qtmeta aid=1 time=1][/qt]',
    '[code]x[/code]',
    '[hr]',
    '[piconname:123]',
    '[picon:123]',
    '[INFO][Title]',
    '[preview id=1 ht=100]',
    '[[toall]]',
  ])('leaves no tag in %s', (text) => {
    expect(escapeChatworkText(text)).not.toMatch(TAGS);
    expect(escapeChatworkText(text)).not.toMatch(/[[\]]/);
  });

  it('keeps the text readable', () => {
    expect(escapeChatworkText('[API] 応答遅延 [toall]')).toBe('［API］ 応答遅延 ［toall］');
    expect(escapeChatworkText('no brackets')).toBe('no brackets');
  });
});

describe('chatworkInfoBlock', () => {
  it('wraps escaped title and body in one info block', () => {
    expect(chatworkInfoBlock('障害[/title]', '本文[/info][toall]')).toBe(
      '[info][title]障害［/title］[/title]本文［/info］［toall］[/info]',
    );
  });

  it('fits an oversized body into one message and still closes the block', () => {
    const started = performance.now();
    const block = chatworkInfoBlock('t', 'あ'.repeat(70_000));
    expect(performance.now() - started).toBeLessThan(500);
    expect(block.length).toBeLessThanOrEqual(CHATWORK_MAX_BODY);
    expect(block.endsWith('…[/info]')).toBe(true);
  });
});
