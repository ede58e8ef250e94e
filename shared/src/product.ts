import { z } from 'zod';
import productJson from '../product.json' with { type: 'json' };

export const ProductIdentitySchema = z.strictObject({
  productId: z.string().regex(/^[a-z][a-z0-9-]{1,62}$/),
  displayName: z.string().min(1).max(80),
  description: z.string().min(1).max(500),
  domain: z.string().regex(/^[a-z0-9.-]+\.[a-z]{2,}$/),
  backendPort: z.number().int().min(1).max(65535),
  bundleId: z.string().regex(/^[a-z][a-z0-9]*(\.[a-z][a-z0-9]*)+$/),
  platforms: z.array(z.enum(['web', 'ios', 'android'])).min(1),
  primarySurface: z.enum(['web', 'mobile']),
  mobileCompanion: z.boolean(),
  licensePrefix: z.string().regex(/^[A-Z]{2,8}$/),
  configDirName: z.string().min(1),
  envVarPrefix: z.string().regex(/^[A-Z][A-Z0-9_]*$/),
  packageName: z.string().min(1),
  version: z.string().regex(/^\d+\.\d+\.\d+(-[\w.]+)?$/),
});
export type ProductIdentity = z.infer<typeof ProductIdentitySchema>;

/** The one product identity every surface reads; parsed so a bad edit fails at import. */
export const PRODUCT: ProductIdentity = ProductIdentitySchema.parse(productJson);
