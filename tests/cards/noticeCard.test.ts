import { renderNoticeCard } from '../../cards/noticeCard';

describe('notice card', () => {
  it('is the text in one text block, without buttons, with the text as fallback', () => {
    expect(renderNoticeCard('Pausiert.')).toEqual({
      card: {
        type: 'AdaptiveCard',
        $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
        version: '1.5',
        fallbackText: 'Pausiert.',
        body: [{ type: 'TextBlock', text: 'Pausiert.', wrap: true }],
      },
      text: 'Pausiert.',
    });
  });
});
