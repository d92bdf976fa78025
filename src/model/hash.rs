//! A small, fast, stable hash for feature keys.
//!
//! Feature keys are written into model files, so the hash must never change
//! between versions of the crate or between platforms (it is not `std`'s
//! `DefaultHasher`, which may).

const K: u64 = 0x517c_c1b7_2722_0a95;

/// Mixes `x` into the running hash `h`.
#[inline]
pub fn mix(h: u64, x: u64) -> u64 {
    (h.rotate_left(5) ^ x).wrapping_mul(K)
}

/// Spreads the bits of a running hash so that its low bits are usable as a table index.
#[inline]
pub fn finish(mut h: u64) -> u64 {
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^= h >> 33;
    h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    h ^ (h >> 33)
}

/// The 32 bits of a finished key that model files store.
#[inline]
pub fn fingerprint(key: u64) -> u32 {
    key as u32
}

/// Hashes a sequence of characters.
#[inline]
pub fn chars(seed: u64, chars: impl Iterator<Item = char>) -> u64 {
    let mut h = seed;
    let mut n = 0u64;
    for c in chars {
        h = mix(h, u64::from(c));
        n += 1;
    }
    mix(h, n)
}

/// Hashes a string.
pub fn str(seed: u64, s: &str) -> u64 {
    chars(seed, s.chars())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_hash_is_stable() {
        // Model files store these keys: a change here breaks every model.
        assert_eq!(finish(str(1, "Netanyahu")), GOLDEN);
        assert_ne!(str(1, "ab"), str(1, "ba"));
        assert_ne!(str(1, "a"), str(2, "a"));
    }

    const GOLDEN: u64 = 1_469_955_551_197_537_996;
}
