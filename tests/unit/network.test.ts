import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  analyseGaps,
  categoryOf,
  escapeXml,
  linkBends,
  linkGeometry,
  mapScene,
  mapSvg,
  STANDARD_SECTORS,
  type LinkKind,
  type MapActor,
  type MapLink,
  type NetworkMap,
  type Sector,
} from '@plenary/shared';
import {
  actorsOf,
  addActor,
  addLink,
  deleteActor,
  linksOf,
  moveActors,
  readMap,
  setActor,
} from '@plenary/shared/docs';

const actor = (id: string, sector: Sector, name = id): MapActor => ({
  id,
  name,
  sector,
  contact: '',
  x: 0,
  y: 0,
});
let n = 0;
const link = (from: string, to: string, kind: LinkKind = 'refers'): MapLink => ({
  id: `l${++n}`,
  from,
  to,
  kind,
  label: '',
  consent: false,
  data: '',
  pathway: 'both',
});
const graph = (actors: MapActor[], links: MapLink[]): NetworkMap => ({ actors, links });

describe('gap analysis of a referral network', () => {
  it('lists an actor with no links as isolated, and not again as a dead end', () => {
    const gaps = analyseGaps(
      graph(
        [actor('police', 'police'), actor('shelter', 'shelter'), actor('embassy', 'embassy')],
        [link('police', 'shelter')],
      ),
    );
    expect(gaps.isolated).toEqual(['embassy']);
    expect(gaps.notReferredTo).toEqual([]);
    expect(gaps.refersToNobody).toEqual(['shelter']);
  });

  it('names the standard sectors nobody on the map belongs to', () => {
    const gaps = analyseGaps(
      graph([actor('p', 'police'), actor('s', 'shelter')], [link('p', 's')]),
    );
    expect(gaps.missingSectors).toContain('labour');
    expect(gaps.missingSectors).toContain('reintegration');
    expect(gaps.missingSectors).not.toContain('police');
    expect(gaps.missingSectors).not.toContain('shelter');
    expect(gaps.missingSectors).toHaveLength(STANDARD_SECTORS.length - 2);
    // A network may do without a community group, an embassy or an international organisation.
    for (const optional of ['community', 'embassy', 'international', 'other'] as const)
      expect(gaps.missingSectors).not.toContain(optional);
    expect(STANDARD_SECTORS).toHaveLength(10);
  });

  it('finds an intermediary every path to assistance goes through', () => {
    // Police and labour inspection both reach assistance only through the prosecutor.
    const gaps = analyseGaps(
      graph(
        [
          actor('police', 'police'),
          actor('labour', 'labour'),
          actor('prosecutor', 'prosecution'),
          actor('shelter', 'shelter'),
          actor('health', 'health'),
        ],
        [
          link('police', 'prosecutor'),
          link('labour', 'prosecutor'),
          link('prosecutor', 'shelter'),
          link('prosecutor', 'health'),
        ],
      ),
    );
    expect(gaps.singlePoints).toEqual(['prosecutor']);
    expect(gaps.pathToAssistance).toBe(true);
  });

  it('counts an assistance provider as a single point of failure when it is the only way in', () => {
    // Everyone reaches the shelter only through the one NGO, which is itself assistance.
    const gaps = analyseGaps(
      graph(
        [
          actor('police', 'police'),
          actor('hotline', 'hotline'),
          actor('ngo', 'ngo'),
          actor('shelter', 'shelter'),
        ],
        [link('police', 'ngo'), link('hotline', 'ngo'), link('ngo', 'shelter')],
      ),
    );
    expect(gaps.singlePoints).toEqual(['ngo']);
  });

  it('finds no single point of failure in a network with two routes', () => {
    const gaps = analyseGaps(
      graph(
        [
          actor('police', 'police'),
          actor('hotline', 'hotline'),
          actor('ngo', 'ngo'),
          actor('shelter', 'shelter'),
        ],
        [
          link('police', 'ngo'),
          link('police', 'shelter'),
          link('hotline', 'ngo'),
          link('hotline', 'shelter'),
        ],
      ),
    );
    expect(gaps.singlePoints).toEqual([]);
  });

  it('treats the only first contact that reaches assistance as a single point of failure', () => {
    const gaps = analyseGaps(
      graph(
        [actor('police', 'police'), actor('a', 'ngo'), actor('b', 'shelter')],
        [link('police', 'a'), link('police', 'b')],
      ),
    );
    expect(gaps.singlePoints).toEqual(['police']);
  });

  it('reports a missing path from first contact to assistance, and on to reintegration', () => {
    const noAssistance = analyseGaps(
      graph(
        [actor('police', 'police'), actor('court', 'prosecution'), actor('shelter', 'shelter')],
        [link('police', 'court'), link('shelter', 'court')],
      ),
    );
    expect(noAssistance.pathToAssistance).toBe(false);
    expect(noAssistance.pathToReintegration).toBe(false);

    const noReintegration = analyseGaps(
      graph(
        [actor('police', 'police'), actor('shelter', 'shelter'), actor('jobs', 'reintegration')],
        [link('police', 'shelter'), link('jobs', 'shelter')],
      ),
    );
    expect(noReintegration.pathToAssistance).toBe(true);
    expect(noReintegration.pathToReintegration).toBe(false);
  });

  it('follows referrals only: sharing information or funding is no path for a victim', () => {
    const actors = [
      actor('police', 'police'),
      actor('shelter', 'shelter'),
      actor('jobs', 'reintegration'),
    ];
    const informs = analyseGaps(
      graph(actors, [link('police', 'shelter', 'informs'), link('shelter', 'jobs', 'funds')]),
    );
    expect(informs.pathToAssistance).toBe(false);
    expect(informs.pathToReintegration).toBe(false);
    expect(informs.isolated).toEqual([]); // they are linked, just not by referrals
    expect(informs.notReferredTo).toEqual(['shelter', 'jobs']);

    const refers = analyseGaps(graph(actors, [link('police', 'shelter'), link('shelter', 'jobs')]));
    expect(refers.pathToAssistance).toBe(true);
    expect(refers.pathToReintegration).toBe(true);
    expect(refers.notReferredTo).toEqual([]);
  });

  it('adds every gap into one count', () => {
    const gaps = analyseGaps(graph([actor('police', 'police'), actor('x', 'embassy')], []));
    expect(gaps.count).toBe(
      2 /* isolated */ + (STANDARD_SECTORS.length - 1) /* missing */ + 2 /* both paths */,
    );
  });
});

describe('the co-edited map document', () => {
  it('reads back what was added, dropping links whose actor is gone', () => {
    const doc = new Y.Doc();
    addActor(doc, { ...actor('a', 'police', 'City police'), x: 10, y: 20 });
    addActor(doc, actor('b', 'shelter', 'Safe House'));
    addLink(doc, link('a', 'b'));
    addLink(doc, link('a', 'ghost'));
    const map = readMap(doc);
    expect(map.actors.map((a) => a.name)).toEqual(['City police', 'Safe House']);
    expect(map.actors[0]).toMatchObject({ x: 10, y: 20 });
    expect(map.links).toHaveLength(1);
    expect(linksOf(doc).size).toBe(2);
  });

  it('deletes an actor with its links, and reads bad field values as defaults', () => {
    const doc = new Y.Doc();
    addActor(doc, actor('a', 'police'));
    addActor(doc, actor('b', 'shelter'));
    addLink(doc, link('a', 'b'));
    addLink(doc, link('b', 'a', 'informs'));
    actorsOf(doc).get('b')!.set('sector', 'astrology');
    actorsOf(doc).get('b')!.set('x', Number.NaN);
    expect(readMap(doc).actors[1]).toMatchObject({ sector: 'other', x: 0 });
    deleteActor(doc, 'b');
    expect(linksOf(doc).size).toBe(0);
    expect(readMap(doc)).toEqual({ actors: [actor('a', 'police')], links: [] });
  });

  it('moves many actors in one transaction and ignores edits to deleted ones', () => {
    const doc = new Y.Doc();
    addActor(doc, actor('a', 'police'));
    addActor(doc, actor('b', 'ngo'));
    let updates = 0;
    doc.on('update', () => updates++);
    moveActors(
      doc,
      new Map([
        ['a', { x: 100.4, y: 50 }],
        ['b', { x: 300, y: 50.6 }],
        ['gone', { x: 1, y: 1 }],
      ]),
    );
    expect(updates).toBe(1);
    expect(readMap(doc).actors.map((a) => [a.x, a.y])).toEqual([
      [100, 50],
      [300, 51],
    ]);
    setActor(doc, 'gone', { name: 'Nobody' });
    expect(actorsOf(doc).has('gone')).toBe(false);
  });
});

describe('drawing the map', () => {
  it('escapes user text in the SVG, so a name cannot inject markup or script', () => {
    const evil = '<script>alert("x")</script>';
    const map = graph(
      [
        { ...actor('a', 'police', evil), x: 0, y: 0 },
        { ...actor('b', 'shelter', 'Tom & Jerry’s "house"'), x: 300, y: 0 },
      ],
      [{ ...link('a', 'b'), label: '<img src=x onerror=alert(1)>', consent: true }],
    );
    const svg = mapSvg(map, analyseGaps(map), { title: 'Group <b>1</b>\u0007' });
    expect(svg).not.toContain('<script');
    expect(svg).not.toContain('<img');
    expect(svg).not.toContain('<b>');
    expect(svg).not.toContain('\u0007');
    expect(svg).toContain('&lt;script&gt;');
    expect(svg).toContain('Tom &amp; Jerry’s &quot;house&quot;');
    expect(svg).toContain('consent');
    expect(svg.startsWith('<?xml')).toBe(true);
    // Every element opened is closed: the document is balanced.
    const open = svg.match(/<[a-z]+[\s>]/g)?.length ?? 0;
    const selfClosed = svg.match(/\/>/g)?.length ?? 0;
    const closed = svg.match(/<\/[a-z]+>/g)?.length ?? 0;
    expect(open).toBe(selfClosed + closed);
    expect(escapeXml(`a'b`)).toBe('a&apos;b');
  });

  it('draws an empty map without failing', () => {
    const svg = mapSvg({ actors: [], links: [] }, undefined, { title: 'Empty' });
    expect(svg).toContain('No actors yet');
  });

  it('fans out links between the same two actors, either way', () => {
    const ab = link('a', 'b');
    const ba = link('b', 'a', 'informs');
    const single = link('a', 'c');
    const bends = linkBends([ab, ba, single]);
    expect(bends.get(single.id)).toBe(0);
    const from = { x: 0, y: 0 };
    const to = { x: 400, y: 0 };
    const one = linkGeometry(from, to, bends.get(ab.id));
    const other = linkGeometry(to, from, bends.get(ba.id));
    expect(one.labelY).not.toBe(other.labelY);
    expect(Math.sign(one.labelY - 36)).toBe(-Math.sign(other.labelY - 36));
  });

  it('gives each sector a category and puts every actor and link in the scene', () => {
    expect(categoryOf('police')).toBe('first');
    expect(categoryOf('shelter')).toBe('assistance');
    expect(categoryOf('reintegration')).toBe('reintegration');
    expect(categoryOf('prosecution')).toBe('justice');
    expect(categoryOf('embassy')).toBe('other');
    const map = graph(
      [
        { ...actor('a', 'police'), x: -100, y: 40 },
        { ...actor('b', 'ngo'), x: 400, y: 300 },
      ],
      [link('a', 'b')],
    );
    const scene = mapScene(map, analyseGaps(map));
    expect(scene.nodes).toHaveLength(2);
    expect(scene.links).toHaveLength(1);
    expect(scene.box.x).toBeLessThan(-100);
    expect(scene.box.x + scene.box.width).toBeGreaterThan(600);
    expect(scene.nodes.find((x) => x.id === 'b')!.gaps).toEqual([
      'refers to nobody',
      'single point of failure',
    ]);
  });
});
