#!/usr/bin/env python3
"""Reference values for tests/unit/analysis/{median,mann_whitney}_test.cc, computed without the
C++ code's methods (and without scipy, which this machine lacks).

Mann-Whitney U, exact: brute-force enumeration of every way to assign the pooled values to the
first sample (the permutation distribution of U under the null hypothesis), two-sided
p = P(|U - mean| >= |u - mean|). For sizes too large to enumerate: the exact distribution from
the Gaussian binomial coefficient [n1+n2 choose n1]_q (whose coefficient of q^u counts the
arrangements with U = u) in exact integers, cross-checked against enumeration on small sizes.

Mann-Whitney U, normal approximation: the mean and variance of U taken from the enumerated
permutation distribution itself (so the tie correction is not re-derived from the same formula
as the C++ code), then z = (|u - mean| - 1/2) / sd, p = erfc(z / sqrt 2).

Median interval: the coverage of [x(k), x(n-k+1)] as 1 - 2 * sum_{i<k} C(n, i) / 2^n in exact
fractions, k the largest that keeps the coverage at least the level.

Run: python3 tests/unit/analysis/statistics_reference.py
"""
from fractions import Fraction
from itertools import combinations
from math import comb, erfc, sqrt


def u_statistic(first, second):
    return sum(1.0 if x > y else 0.5 if x == y else 0.0 for x in first for y in second)


def permutation_distribution(first, second):
    pooled = first + second
    n1 = len(first)
    values = []
    for chosen in combinations(range(len(pooled)), n1):
        picked = set(chosen)
        a = [pooled[i] for i in chosen]
        b = [pooled[i] for i in range(len(pooled)) if i not in picked]
        values.append(u_statistic(a, b))
    return values


def exact_p_by_enumeration(first, second):
    u = u_statistic(first, second)
    dist = permutation_distribution(first, second)
    mean = len(first) * len(second) / 2
    extreme = sum(1 for v in dist if abs(v - mean) >= abs(u - mean) - 1e-12)
    return u, Fraction(extreme, len(dist))


def normal_p_from_enumerated_moments(first, second):
    u = u_statistic(first, second)
    dist = permutation_distribution(first, second)
    mean = sum(dist) / len(dist)
    variance = sum((v - mean) ** 2 for v in dist) / len(dist)
    if variance == 0:
        return u, 1.0
    z = max(abs(u - mean) - 0.5, 0.0) / sqrt(variance)
    return u, min(1.0, erfc(z / sqrt(2)))


def gaussian_binomial_counts(n1, n2):
    """Coefficients of [n1+n2 choose n1]_q: counts[u] = arrangements with U = u."""
    counts = [1]
    for i in range(1, n1 + 1):
        # multiply by (1 - q^(n2+i))
        shift = n2 + i
        grown = counts + [0] * shift
        for k in range(len(counts)):
            grown[k + shift] -= counts[k]
        # divide by (1 - q^i): the quotient c satisfies c[k] = grown[k] + c[k-i]
        for k in range(i, len(grown)):
            grown[k] += grown[k - i]
        while grown and grown[-1] == 0:
            grown.pop()
        counts = grown
    return counts


def exact_p_by_q_binomial(n1, n2, u):
    counts = gaussian_binomial_counts(n1, n2)
    assert sum(counts) == comb(n1 + n2, n1)
    tail = sum(counts[: int(min(u, n1 * n2 - u)) + 1])
    return min(Fraction(1), Fraction(2 * tail, comb(n1 + n2, n1)))


def median_interval(n, level):
    level = Fraction(level)
    below = Fraction(1, 2 ** n)  # P(B <= 0)
    if 1 - 2 * below < level:
        return None
    k = 1
    while k + 1 <= (n + 1) // 2:
        nxt = below + Fraction(comb(n, k), 2 ** n)
        if 1 - 2 * nxt < level:
            break
        below = nxt
        k += 1
    return k, n - k + 1, 1 - 2 * below


def show_u(name, first, second, normal=False):
    if normal:
        u, p = normal_p_from_enumerated_moments(first, second)
        _, exact = exact_p_by_enumeration(first, second)
        print(f"U {name}: U={u} normal p={p!r} (permutation p={float(exact)!r})")
    else:
        u, p = exact_p_by_enumeration(first, second)
        print(f"U {name}: U={u} exact p={p} = {float(p)!r}")


def main():
    # Cross-check: enumeration and the q-binomial agree on every small tie-free case below.
    for n1 in range(1, 6):
        for n2 in range(1, 6):
            first = [2 * i for i in range(n1)]
            second = [2 * i + 3 for i in range(n2)]
            u, p = exact_p_by_enumeration(first, second)
            assert p == exact_p_by_q_binomial(n1, n2, u), (n1, n2)

    show_u("1v2", [1.0], [2.0])
    show_u("2+2 apart", [1.0, 2.0], [3.0, 4.0])
    show_u("3+3 apart", [1.0, 2.0, 3.0], [4.0, 5.0, 6.0])
    show_u("interleaved 5+5", [1.0, 3.0, 5.0, 7.0, 9.0], [2.0, 4.0, 6.0, 8.0, 10.0])
    show_u("4+6 partial", [11.0, 13.0, 12.0, 17.0], [14.0, 15.0, 16.0, 18.0, 19.0, 10.0])
    latency_before = [12.1, 11.8, 12.5, 12.0, 11.9, 12.3, 12.2, 12.4, 11.7, 12.6]
    latency_after = [12.45, 15.1, 14.9, 15.8, 15.2, 12.55, 15.6, 15.0, 15.3, 12.15]
    show_u("latency 10+10", latency_before, latency_after)
    show_u("ties 4+4", [1.0, 2.0, 2.0, 3.0], [2.0, 3.0, 3.0, 4.0], normal=True)
    show_u("ties 6+5", [5.0, 5.0, 6.0, 7.0, 7.0, 8.0], [7.0, 8.0, 8.0, 9.0, 9.0], normal=True)
    show_u("identical 3+3", [5.0, 5.0, 5.0], [5.0, 5.0, 5.0], normal=True)
    print("U 20+25 U=100 exact p =", float(exact_p_by_q_binomial(20, 25, 100)))
    print("U 50+50 U=1000 exact p =", float(exact_p_by_q_binomial(50, 50, 1000)))
    # Larger than the exact limit, no ties: normal with variance n1*n2*(N+1)/12, which for
    # tie-free samples is the variance of the q-binomial distribution; take it from there.
    counts = gaussian_binomial_counts(60, 60)
    total = sum(counts)
    mean = Fraction(sum(u * c for u, c in enumerate(counts)), total)
    variance = Fraction(sum((u - mean) ** 2 * c for u, c in enumerate(counts)), total)
    z = (abs(1500 - mean) - Fraction(1, 2)) / sqrt(variance)
    print("U 60+60 U=1500 normal p =", repr(erfc(float(z) / sqrt(2))), "variance", float(variance))

    for n in list(range(1, 13)) + [100]:
        print(f"median interval n={n} 95%:", median_interval(n, Fraction(95, 100)))
    print("median interval n=10 99%:", median_interval(10, Fraction(99, 100)))
    print("median interval n=8 99%:", median_interval(8, Fraction(99, 100)))
    print("median interval n=7 99%:", median_interval(7, Fraction(99, 100)))


if __name__ == "__main__":
    main()
