from newsroom.memo import ProcessMemo


def test_a_process_memo_empties_when_full_and_keeps_a_known_key_without_emptying():
    memo: ProcessMemo[str, int] = ProcessMemo(limit=2)
    memo.keep("a", 1)
    memo.keep("b", 2)
    memo.keep("b", 3)  # a key it holds is replaced, nothing forgotten
    assert memo == {"a": 1, "b": 3}
    memo.keep("c", 4)  # full: emptied first
    assert memo == {"c": 4}
