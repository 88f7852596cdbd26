import type { Plugin, Rollup } from 'vite';

/**
 * Lists the chunks of the opening stages (src/boot/stage-*.ts, imported dynamically by main.tsx)
 * as <link rel="modulepreload"> in index.html: fetched at once, in parallel, as static imports
 * would be, but evaluated only when main.tsx imports each stage (src/boot/README.md).
 */
export function bootPreload(): Plugin {
  return {
    name: 'floplab-boot-preload',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(html, ctx) {
        const bundle = ctx.bundle;
        if (!bundle) return html;
        const chunks = new Map<string, Rollup.OutputChunk>();
        for (const out of Object.values(bundle)) if (out.type === 'chunk') chunks.set(out.fileName, out);
        const entry = [...chunks.values()].find((c) => c.isEntry);
        if (!entry) return html;
        const stages = entry.dynamicImports.filter((f: string) =>
          /\/src\/boot\/stage-[a-z]+\.ts$/.test(chunks.get(f)?.facadeModuleId ?? ''),
        );
        const files = new Set<string>();
        const visit = (f: string): void => {
          if (files.has(f) || f === entry.fileName) return;
          files.add(f);
          for (const dep of chunks.get(f)?.imports ?? []) visit(dep);
        };
        stages.forEach(visit);
        const links = [...files]
          .filter((f) => !html.includes(`/${f}"`))
          .map((f) => `    <link rel="modulepreload" crossorigin href="./${f}">`)
          .join('\n');
        return links ? html.replace(/\n\s*<\/head>/, `\n${links}\n  </head>`) : html;
      },
    },
  };
}
