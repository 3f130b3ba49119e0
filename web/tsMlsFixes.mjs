// Two fixes to ts-mls 1.6.4, applied by esbuild as it bundles (the real build
// and the unit tests' loader both use this plugin), so the browser's commits
// follow RFC 9420 where the roster extension of docs/admission.md needs it:
//
// 1. A commit carrying a GroupContextExtensions proposal must have an
//    UpdatePath (RFC 9420 §17.4, "Path Required": Y). ts-mls 1.6.4 requires
//    one only for Update and Remove, so a host's Add + roster commit would go
//    out without a path and openmls (the native client) refuses it.
// 2. The path secrets of such a commit are encrypted to the provisional
//    GroupContext, which has the new extensions (§12.4.2). ts-mls 1.6.4
//    creates the path under the old context (upstream fixed this in
//    LukaJCB/ts-mls#468), so no receiver could decrypt it.
//
// Each fix replaces one exact piece of the published file; if ts-mls changes
// and the piece is gone, the build fails instead of silently shipping
// unpatched code.
import { readFile } from 'node:fs/promises';

const FIXES = {
  'clientState.js': [
    [
      'const needsUpdatePath = allProposals.length === 0 || Object.values(grouped.update).length > 0 || Object.values(grouped.remove).length > 0;',
      'const needsUpdatePath = allProposals.length === 0 || Object.values(grouped.update).length > 0 || Object.values(grouped.remove).length > 0 || grouped.group_context_extensions.length > 0;',
    ],
  ],
  'createCommit.js': [
    [
      '? await createUpdatePath(res.tree, toLeafIndex(state.privatePath.leafIndex), state.groupContext, state.signaturePrivateKey, cipherSuite, excludeNodes)',
      '? await createUpdatePath(res.tree, toLeafIndex(state.privatePath.leafIndex), res.additionalResult.kind === "memberCommit" && res.additionalResult.extensions.length > 0 ? { ...state.groupContext, extensions: res.additionalResult.extensions } : state.groupContext, state.signaturePrivateKey, cipherSuite, excludeNodes)',
    ],
  ],
};

export const tsMlsFixes = {
  name: 'ts-mls-fixes',
  setup(build) {
    build.onLoad({ filter: /[\\/]ts-mls[\\/]dist[\\/]src[\\/](clientState|createCommit)\.js$/ }, async (args) => {
      const file = args.path.split(/[\\/]/).pop();
      let contents = await readFile(args.path, 'utf8');
      for (const [from, to] of FIXES[file]) {
        if (!contents.includes(from)) throw new Error(`ts-mls-fixes: ${file} no longer contains the code this fix replaces; check whether the new ts-mls needs it`);
        contents = contents.replace(from, to);
      }
      return { contents, loader: 'js' };
    });
  },
};
