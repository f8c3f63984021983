"""Why a plan places each teacher: rule instances in words, cost by term, the alternative."""
