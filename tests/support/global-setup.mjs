// Jest loads global setup outside its module system; tsx lets it use the TypeScript sources.
import { tsImport } from 'tsx/esm/api';

export default async function globalSetup() {
  const { default: setup } = await tsImport('./setup-database.ts', import.meta.url);
  await setup();
}
