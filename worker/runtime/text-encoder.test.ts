import { describe, expect, it } from 'vitest';
import { ModuleTextEncoder } from './text-encoder.ts';

describe('the TextEncoder modules see', () => {
  it.each(['', 'hello', 'héllo wörld', '€100', '日本語', 'emoji 🚀 ok', 'lone \ud800 surrogate', 'x'.repeat(1000)])(
    'encodes %j exactly as the platform encoder does',
    s => {
      expect(new ModuleTextEncoder().encode(s)).toEqual(new TextEncoder().encode(s));
    }
  );
});
