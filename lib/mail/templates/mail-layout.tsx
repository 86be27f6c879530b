// Every email the app sends: one React Email layout fed by structured content, rendered to HTML and
// to a plain-text part written from the same content (so the two never say different things).
import { Body, Button, Container, Head, Heading, Hr, Html, Preview, Section, Text } from '@react-email/components';
import { render } from '@react-email/render';

export type MailContent = {
  /** The inbox's one-line preview. */
  preview: string;
  heading: string;
  paragraphs: string[];
  /** Label and value rows (plan, amount, ids). */
  details?: { label: string; value: string }[];
  /** Something to copy exactly, such as a licence key. */
  code?: string;
  action?: { label: string; href: string };
  /** Lines under the button. */
  after?: string[];
};

const colors = { text: '#1e2235', muted: '#5b6478', border: '#e3e6ee', primary: '#4f46e5', page: '#f5f6fa' };
const font = '-apple-system, BlinkMacSystemFont, "Segoe UI", Roboto, Helvetica, Arial, sans-serif';

function MailLayout({ preview, heading, paragraphs, details, code, action, after }: MailContent) {
  return (
    <Html lang="en">
      <Head />
      <Preview>{preview}</Preview>
      <Body style={{ backgroundColor: colors.page, fontFamily: font, margin: 0, padding: '24px 0' }}>
        <Container style={{ maxWidth: 560, backgroundColor: '#ffffff', border: `1px solid ${colors.border}`, borderRadius: 12, padding: 32 }}>
          <Text style={{ margin: 0, fontSize: 14, fontWeight: 700, color: colors.primary }}>Dodo SaaS Starter</Text>
          <Heading as="h1" style={{ fontSize: 22, lineHeight: '30px', color: colors.text, margin: '16px 0 8px' }}>
            {heading}
          </Heading>
          {paragraphs.map((p) => (
            <Text key={p} style={{ fontSize: 15, lineHeight: '24px', color: colors.text, margin: '8px 0' }}>
              {p}
            </Text>
          ))}
          {code && (
            <Section style={{ backgroundColor: colors.page, borderRadius: 8, padding: '12px 16px', margin: '16px 0' }}>
              <Text style={{ fontFamily: 'ui-monospace, Menlo, monospace', fontSize: 18, letterSpacing: 1, color: colors.text, margin: 0 }}>{code}</Text>
            </Section>
          )}
          {details && details.length > 0 && (
            <Section style={{ border: `1px solid ${colors.border}`, borderRadius: 8, padding: '4px 16px', margin: '16px 0' }}>
              {details.map((d) => (
                <Text key={d.label} style={{ fontSize: 14, lineHeight: '22px', color: colors.text, margin: '8px 0' }}>
                  <span style={{ color: colors.muted }}>{d.label}: </span>
                  {d.value}
                </Text>
              ))}
            </Section>
          )}
          {action && (
            <Section style={{ margin: '24px 0 8px' }}>
              <Button href={action.href} style={{ backgroundColor: colors.primary, color: '#ffffff', borderRadius: 8, padding: '12px 20px', fontSize: 15, fontWeight: 600 }}>
                {action.label}
              </Button>
            </Section>
          )}
          {after?.map((line) => (
            <Text key={line} style={{ fontSize: 14, lineHeight: '22px', color: colors.muted, margin: '8px 0' }}>
              {line}
            </Text>
          ))}
          <Hr style={{ borderColor: colors.border, margin: '24px 0 12px' }} />
          <Text style={{ fontSize: 12, color: colors.muted, margin: 0 }}>Payments are processed by Dodo Payments, our merchant of record.</Text>
        </Container>
      </Body>
    </Html>
  );
}

function plainText({ heading, paragraphs, details, code, action, after }: MailContent): string {
  return [
    heading,
    '',
    ...paragraphs,
    ...(code ? ['', `    ${code}`] : []),
    ...(details?.length ? ['', ...details.map((d) => `${d.label}: ${d.value}`)] : []),
    ...(action ? ['', `${action.label}: ${action.href}`] : []),
    ...(after?.length ? ['', ...after] : []),
  ].join('\n');
}

/** The HTML and plain-text parts of one email. */
export async function renderMail(content: MailContent): Promise<{ html: string; text: string }> {
  return { html: await renderHtml(content), text: plainText(content) };
}

/** The layout through React, as written: what `renderHtml`'s shortcut must equal (mail-layout.test.ts). */
export async function renderWithReact(content: MailContent): Promise<string> {
  return render(<MailLayout {...content} />);
}

// Through React a mail costs about 2 ms of CPU, and a worker under load renders the same few shapes
// (how many paragraphs, details, lines; a button or not) again and again. So each shape is rendered
// once with a marker in every text, and a mail is that HTML with its own text, escaped as React escapes
// it, put in place of the markers.
const shapes = new Map<string, string>();
const SHAPES_KEPT = 256;
const slot = (i: number) => `@@mail-slot-${i}@@`;
// The inbox preview is padded to 150 characters after its text, so its marker has the text's length.
const PREVIEW_MARK = '\u2060';
const PREVIEW_MAX_LENGTH = 150;

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#x27;' })[c]!);

async function renderHtml(content: MailContent): Promise<string> {
  const preview = content.preview.substring(0, PREVIEW_MAX_LENGTH);
  const texts: string[] = [];
  const mark = (text: string) => slot(texts.push(text) - 1);
  const marked: MailContent = {
    preview: PREVIEW_MARK.repeat(preview.length),
    heading: mark(content.heading),
    paragraphs: content.paragraphs.map(mark),
    details: content.details?.map((d) => ({ label: mark(d.label), value: mark(d.value) })),
    code: content.code === undefined ? undefined : mark(content.code),
    action: content.action && { label: mark(content.action.label), href: mark(content.action.href) },
    after: content.after?.map(mark),
  };
  // A text that holds a marker itself, or an empty one (React writes nothing for it): React, as written.
  if (texts.some((t) => t === '' || t.includes('@@mail-slot-')) || preview.includes(PREVIEW_MARK) || !preview) return renderWithReact(content);
  const key = JSON.stringify([preview.length, content.paragraphs.length, content.details?.length, content.code !== undefined, Boolean(content.action), content.after?.length]);
  let shape = shapes.get(key);
  if (!shape) {
    shape = await renderWithReact(marked);
    if (shapes.size >= SHAPES_KEPT) shapes.clear();
    shapes.set(key, shape);
  }
  return shape.replace(PREVIEW_MARK.repeat(preview.length), () => escapeHtml(preview)).replace(/@@mail-slot-(\d+)@@/g, (_, i: string) => escapeHtml(texts[Number(i)]));
}
